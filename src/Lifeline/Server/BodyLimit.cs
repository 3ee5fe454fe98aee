namespace Lifeline.Server;

/// <summary>Endpoint metadata: the largest request body the endpoint reads, in bytes (see <see cref="BodyLimits"/>).</summary>
public sealed record BodyLimit(long Bytes);
