using Mapster;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>Tag rows to what the API sends: member for member, one at a time or a page at once.</summary>
internal sealed class TagMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<TagRow, Tag>();
        config.NewConfig<ListEnvelope<TagRow>, ListEnvelope<Tag>>();
        config.NewConfig<AdminTagRow, AdminTag>();
        config.NewConfig<ListEnvelope<AdminTagRow>, ListEnvelope<AdminTag>>();
    }
}
