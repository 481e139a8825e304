namespace Lagebild.Storage;

/// <summary>
/// A store cannot be opened, read or written: not a store, newer schema, locked by another
/// process, disk full, damaged. <see cref="Exception.Message"/> is one line meant for the user
/// (it names the file); the underlying database error, if any, is the inner exception.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
