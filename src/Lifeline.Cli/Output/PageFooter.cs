namespace Lifeline.Cli.Output;

/// <summary>The line under a list that says where in the whole list this page is and how to see more.</summary>
public static class PageFooter
{
    public static void Write(TextWriter writer, int pageNumber, int pageSize, int total, string nouns)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / Math.Max(1, pageSize));
        writer.Write(total == 0 ? $"no {nouns}" : $"{total} {nouns}");
        if (pages > 1)
        {
            writer.Write($", page {pageNumber} of {pages}");
            if (pageNumber < pages)
            {
                writer.Write($" (next: --page {pageNumber + 1})");
            }
        }
        writer.WriteLine();
    }
}
