using Mapster;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Authors;

/// <summary>Author rows to what the API sends: member for member, one at a time or a page at once.</summary>
internal sealed class AuthorMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<AuthorRow, Author>();
        config.NewConfig<ListEnvelope<AuthorRow>, ListEnvelope<Author>>();
        config.NewConfig<AdminAuthorRow, AdminAuthor>();
        config.NewConfig<ListEnvelope<AdminAuthorRow>, ListEnvelope<AdminAuthor>>();
    }
}
