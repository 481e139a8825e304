namespace Lagebild.Web;

/// <summary>The OpenAPI 3.0 document of the JSON API, written by hand to match <see cref="WebApp"/>.</summary>
public static class OpenApi
{
    public static string Document(bool ingest)
    {
        string ingestPath = ingest ? """
            ,"/api/ingest":{"post":{"summary":"Store articles (JSON Lines, one article a line, or plain text); needs Authorization: Bearer TOKEN","security":[{"bearer":[]}],"requestBody":{"content":{"application/x-ndjson":{"schema":{"type":"string"}},"text/plain":{"schema":{"type":"string"}}}},"responses":{"200":{"description":"counts of read, stored and duplicate articles, and input problems"},"401":{"description":"missing or wrong token"},"413":{"description":"body too large"}}}}
            """ : "";
        return """
            {"openapi":"3.0.3","info":{"title":"Lagebild API","version":"1.0","description":"Stories, reconciled figures, articles, entities and search of a Lagebild store."},
            "paths":{
            "/api/stories":{"get":{"summary":"All stories with their reconciled figures and entities","responses":{"200":{"description":"array of stories","content":{"application/json":{"schema":{"type":"array","items":{"$ref":"#/components/schemas/Story"}}}}}}}},
            "/api/stories/{id}":{"get":{"summary":"One story","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"200":{"description":"the story","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Story"}}}},"404":{"description":"no such story"}}}},
            "/api/articles/{id}":{"get":{"summary":"One article with its facts and entities","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"200":{"description":"the article"},"404":{"description":"no such article"}}}},
            "/api/search":{"get":{"summary":"Full-text search (German- and English-aware)","parameters":[{"name":"q","in":"query","required":true,"schema":{"type":"string"}},{"name":"from","in":"query","schema":{"type":"string","format":"date"}},{"name":"to","in":"query","schema":{"type":"string","format":"date"}},{"name":"place","in":"query","schema":{"type":"string"}},{"name":"entity","in":"query","schema":{"type":"string"}},{"name":"kind","in":"query","schema":{"type":"string","enum":["arrested","killed","injured","troops_deployed","troops_withdrawn","protesters","evacuated","displaced","missing"]}},{"name":"source","in":"query","schema":{"type":"string"}}],"responses":{"200":{"description":"ranked hits with snippets and highlight offsets"},"400":{"description":"a bad filter"}}}},
            "/api/entities/{id}":{"get":{"summary":"One entity: its forms, articles and stories","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"200":{"description":"the entity"},"404":{"description":"no such entity"}}}}
            """ + ingestPath + """
            },
            "components":{"securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}},"schemas":{"Story":{"type":"object","properties":{"story":{"type":"string"},"title":{"type":"string"},"articles":{"type":"array","items":{"type":"string"}},"places":{"type":"array","items":{"type":"string"}},"first_seen":{"type":"string","nullable":true},"last_seen":{"type":"string","nullable":true},"merged":{"type":"array","items":{"type":"object"}},"entities":{"type":"array","items":{"type":"object"}},"figures":{"type":"array","items":{"type":"object","properties":{"kind":{"type":"string"},"place":{"type":"string","nullable":true},"count":{"type":"object"},"status":{"type":"string","enum":["single","agreeing","rising","conflicting"]},"main":{"type":"boolean"},"claims":{"type":"array","items":{"type":"object"}}}}}}}}}}
            """;
    }
}
