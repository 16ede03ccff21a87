using Mapster;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>API key and audit rows to what the admin API sends: member for member.</summary>
internal sealed class EditorialMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<ApiKeyRow, ApiKeyInfo>();
        config.NewConfig<AuditEntryRow, AuditEntry>()
            .Map(d => d.Actor, s => new AuditActor(s.AccountId != null ? "account" : s.KeyId != null ? "key" : "service", s.AccountId ?? s.KeyId, s.KeyName));
        config.NewConfig<ListEnvelope<AuditEntryRow>, ListEnvelope<AuditEntry>>();
    }
}
