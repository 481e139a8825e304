using System.Text;
using Lagebild.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return Cli.Run(args, new CliIo(Console.Out, Console.Error, Console.IsOutputRedirected, Console.IsErrorRedirected));
