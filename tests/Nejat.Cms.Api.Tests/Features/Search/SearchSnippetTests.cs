using Nejat.Cms.Api.Features.Search;

namespace Nejat.Cms.Api.Tests.Features.Search;

public sealed class SearchSnippetTests
{
    [Test]
    public void RunsOfMatchesShareOneMark() =>
        Assert.That(SearchSnippet.Html(["cross", "the", "border", "today"], [true, true, true, false], false, false),
            Is.EqualTo("<mark>cross the border</mark> today"));

    [Test]
    public void EverythingButTheMarksIsEscaped() =>
        Assert.That(SearchSnippet.Html(["<script>alert('x')</script>", "&", "\"q\""], [false, true, false], false, false),
            Is.EqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>&amp;</mark> &quot;q&quot;"));

    [Test]
    public void LettersOfEveryScriptStayAsWritten() =>
        Assert.That(SearchSnippet.Html(["کتاب‌های", "Shqipëri", "المدرسة"], [true, false, false], false, false),
            Is.EqualTo("<mark>کتاب‌های</mark> Shqipëri المدرسة"));

    [Test]
    public void CutsAreShownWithEllipses() =>
        Assert.That(SearchSnippet.Html(["a", "b"], [false, true], true, true), Is.EqualTo("… a <mark>b</mark> …"));

    [Test]
    public void NoWordsNoEllipses() =>
        Assert.That(SearchSnippet.Html([], [], true, true), Is.Empty);
}
