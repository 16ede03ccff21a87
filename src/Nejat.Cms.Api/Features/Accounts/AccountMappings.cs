using Mapster;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>Account rows to what the API sends: member for member.</summary>
internal sealed class AccountMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<AccountRow, Account>();
        config.NewConfig<InvitationRow, InvitationInfo>();
        config.NewConfig<AccountRow, AccountChange>();
        config.NewConfig<Hosting.ListEnvelope<AccountRow>, Hosting.ListEnvelope<Account>>();
    }
}
