namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The roles, from most to least powerful.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Author = "author";
    public const string Previewer = "previewer";

    public static readonly string[] All = [Admin, Editor, Author, Previewer];

    /// <summary>How powerful a role is: a key may hand out only roles of at most its own rank.</summary>
    public static int Rank(string role) => Array.IndexOf(All, role) is >= 0 and var index ? All.Length - index : 0;
}
