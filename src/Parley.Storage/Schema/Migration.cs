namespace Parley.Storage.Schema;

/// <summary>One step of the database schema: the SQL that takes it from <c>Version - 1</c> to <see cref="Version"/>.</summary>
/// <param name="Version">The schema version after this step (1, 2, …), stored in SQLite's <c>user_version</c>.</param>
/// <param name="Description">What the step adds, in words.</param>
/// <param name="Sql">The statements, run in one transaction with the version change.</param>
public sealed record Migration(int Version, string Description, string Sql);
