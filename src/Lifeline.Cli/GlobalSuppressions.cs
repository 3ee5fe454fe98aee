using System.Diagnostics.CodeAnalysis;

// Suppressions of single findings that are not mistakes, each with the reason. Rules turned off
// altogether are in .editorconfig.

// CliFailure is the command's plain-sentence failure, caught in one place and named throughout the commands;
// "CliFailureException" would say nothing more.
[assembly: SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "An established name; see the comment above.", Scope = "type", Target = "~T:Lifeline.Cli.CliFailure")]
