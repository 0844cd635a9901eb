using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>ListImages: one entry per tag (an untagged image once, digest only), in push order then tag order.</summary>
internal sealed class ListImagesOperation : IEcrOperation
{
    public string Name => "ListImages";

    public void Execute(JsonElement input, OperationContext context)
    {
        var repository = context.RequireRepository(input);
        var filter = ImageFilters.Read(input);
        var entries = repository.Index.Entries(filter);
        var page = context.Pager.Select<ListEntry>(
            entries,
            input.OptionalString("nextToken"),
            input.OptionalInt32("maxResults"),
            Pager.Fingerprint(Name, context.Registry.AccountId, repository.Name, filter.ToString()));

        // Entries are pre-written JSON: a page of 1,000 ids is mostly a memory copy.
        page.Write(context.BeginResponse(), Members.ImageIds, entries, static (writer, entry) => writer.WriteRawValue(entry.Json, skipInputValidation: true));
    }
}
