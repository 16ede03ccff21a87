#:package SkiaSharp
#:package SkiaSharp.NativeAssets.Linux.NoDependencies

// Draws the sample's images (shapes and gradients, no photographs: free to use for anything).
// Run from this folder: dotnet run make-sample-images.cs
using SkiaSharp;

const int Width = 720;
const int Height = 450;

Save("herat-houses.jpg", SKEncodedImageFormat.Jpeg, canvas =>
{
    Sky(canvas, new SKColor(0xFF, 0xB3, 0x6B), new SKColor(0x5B, 0x8D, 0xC9));
    Fill(canvas, new SKColor(0xFF, 0xE0, 0x8A), c => c.DrawCircle(560, 150, 55, Paint));
    Fill(canvas, new SKColor(0xC2, 0x9A, 0x6B), c => c.DrawRect(0, 330, Width, Height - 330, Paint));
    SKColor[] walls = [new(0xD9, 0xB3, 0x82), new(0xC8, 0x8E, 0x5A), new(0xE6, 0xC9, 0x9A), new(0xB7, 0x7B, 0x4E)];
    for (var i = 0; i < 7; i++)
    {
        var (x, top) = (30 + i * 98, 220 + (i % 3) * 25);
        Fill(canvas, walls[i % walls.Length], c => c.DrawRect(x, top, 86, 340 - top, Paint));
        Fill(canvas, new SKColor(0x6B, 0x4A, 0x2F), c => c.DrawRect(x + 14, top + 24, 18, 24, Paint));
        Fill(canvas, new SKColor(0x6B, 0x4A, 0x2F), c => c.DrawRect(x + 52, top + 24, 18, 24, Paint));
        Fill(canvas, new SKColor(0x4A, 0x33, 0x22), c => c.DrawRect(x + 32, 300, 22, 40, Paint));
    }
});

Save("mountain-road.webp", SKEncodedImageFormat.Webp, canvas =>
{
    Sky(canvas, new SKColor(0xFD, 0xE2, 0xC4), new SKColor(0x7F, 0xA7, 0xD8));
    Mountains(canvas, new SKColor(0x8E, 0x9F, 0xC8), 260, [(0, 260), (140, 120), (300, 230), (450, 90), (620, 220), (720, 150)]);
    Mountains(canvas, new SKColor(0x5E, 0x74, 0xA6), 330, [(0, 300), (180, 190), (360, 300), (520, 180), (720, 290)]);
    Fill(canvas, new SKColor(0x6E, 0x9E, 0x5C), c => c.DrawRect(0, 330, Width, Height - 330, Paint));
    Fill(canvas, new SKColor(0x55, 0x55, 0x5A), c => c.DrawPath(Polygon([(330, 330), (390, 330), (560, Height), (160, Height)]), Paint));
    for (var y = 345; y < Height; y += 30)
    {
        var half = 2 + (y - 330) / 20f;
        Fill(canvas, SKColors.White, c => c.DrawRect(360 - half / 2, y, half, 14, Paint));
    }
});

Save("poetry-night.webp", SKEncodedImageFormat.Webp, canvas =>
{
    Sky(canvas, new SKColor(0x0F, 0x1B, 0x3D), new SKColor(0x3B, 0x2A, 0x5C));
    var random = new Random(14);
    for (var i = 0; i < 90; i++)
    {
        var (x, y, r) = (random.Next(Width), random.Next(300), 0.8f + (float)random.NextDouble() * 1.6f);
        Fill(canvas, new SKColor(0xFF, 0xFF, 0xF0, 0xD0), c => c.DrawCircle(x, y, r, Paint));
    }

    Fill(canvas, new SKColor(0xF5, 0xF0, 0xD0), c => c.DrawCircle(150, 110, 48, Paint));
    Fill(canvas, new SKColor(0x17, 0x22, 0x48), c => c.DrawCircle(172, 98, 44, Paint));
    Fill(canvas, new SKColor(0x2A, 0x1E, 0x3A), c => c.DrawRect(0, 360, Width, Height - 360, Paint));
    Fill(canvas, new SKColor(0xF2, 0xEA, 0xD8), c => c.DrawRect(340, 250, 40, 120, Paint));
    Fill(canvas, new SKColor(0xFF, 0xC8, 0x4A), c => c.DrawOval(360, 225, 12, 22, Paint));
    Fill(canvas, new SKColor(0xFF, 0xC8, 0x4A, 0x40), c => c.DrawCircle(360, 230, 60, Paint));
});

Save("border-winter.jpg", SKEncodedImageFormat.Jpeg, canvas =>
{
    Sky(canvas, new SKColor(0xC9, 0xD6, 0xE3), new SKColor(0x8A, 0x9B, 0xB0));
    Fill(canvas, new SKColor(0xF4, 0xF7, 0xFA), c => c.DrawRect(0, 300, Width, Height - 300, Paint));
    for (var x = 20; x < Width; x += 60)
    {
        var post = x;
        Fill(canvas, new SKColor(0x4A, 0x4F, 0x57), c => c.DrawRect(post, 200, 8, 110, Paint));
    }

    for (var y = 215; y < 300; y += 22)
    {
        var wire = y;
        Fill(canvas, new SKColor(0x4A, 0x4F, 0x57), c => c.DrawRect(0, wire, Width, 2, Paint));
    }

    var random = new Random(16);
    for (var i = 0; i < 160; i++)
    {
        var (x, y, r) = (random.Next(Width), random.Next(Height), 1.5f + (float)random.NextDouble() * 2.5f);
        Fill(canvas, SKColors.White, c => c.DrawCircle(x, y, r, Paint));
    }
});

Save("cartoon-pen.png", SKEncodedImageFormat.Png, canvas =>
{
    canvas.Clear(new SKColor(0xFF, 0xF4, 0xD6));
    Fill(canvas, SKColors.White, c => c.DrawRoundRect(360, 60, 300, 150, 30, 30, Paint));
    Fill(canvas, SKColors.White, c => c.DrawPath(Polygon([(420, 200), (470, 200), (400, 260)]), Paint));
    Fill(canvas, new SKColor(0x33, 0x33, 0x33), c => c.DrawRect(400, 110, 220, 10, Paint));
    Fill(canvas, new SKColor(0x33, 0x33, 0x33), c => c.DrawRect(400, 145, 160, 10, Paint));
    canvas.Save();
    canvas.RotateDegrees(-35, 220, 260);
    Fill(canvas, new SKColor(0xF2, 0xB1, 0x34), c => c.DrawRect(90, 230, 230, 60, Paint));
    Fill(canvas, new SKColor(0xE8, 0x7A, 0x8A), c => c.DrawRect(50, 230, 40, 60, Paint));
    Fill(canvas, new SKColor(0xF0, 0xD9, 0xB5), c => c.DrawPath(Polygon([(320, 230), (320, 290), (380, 260)]), Paint));
    Fill(canvas, new SKColor(0x33, 0x33, 0x33), c => c.DrawPath(Polygon([(360, 250), (360, 270), (380, 260)]), Paint));
    canvas.Restore();
});

static void Save(string name, SKEncodedImageFormat format, Action<SKCanvas> draw)
{
    using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
    draw(surface.Canvas);
    Label(surface.Canvas);
    using var image = surface.Snapshot();
    using var data = image.Encode(format, 80);
    File.WriteAllBytes(name, data.ToArray());
    Console.WriteLine($"{name}: {data.Size:N0} bytes");
}

static void Sky(SKCanvas canvas, SKColor top, SKColor bottom)
{
    using var shader = SKShader.CreateLinearGradient(new SKPoint(0, Height), new SKPoint(0, 0), [top, bottom], SKShaderTileMode.Clamp);
    using var paint = new SKPaint { Shader = shader };
    canvas.DrawRect(0, 0, Width, Height, paint);
}

static void Mountains(SKCanvas canvas, SKColor color, float baseline, (float X, float Y)[] ridge) =>
    Fill(canvas, color, c => c.DrawPath(Polygon([(0, baseline + 100), .. ridge, (Width, baseline + 100)]), Paint));

static SKPath Polygon((float X, float Y)[] points)
{
    var path = new SKPath();
    path.AddPoly(points.Select(p => new SKPoint(p.X, p.Y)).ToArray());
    return path;
}

static void Fill(SKCanvas canvas, SKColor color, Action<SKCanvas> draw)
{
    Paint.Color = color;
    draw(canvas);
}

static void Label(SKCanvas canvas)
{
    using var font = new SKFont(SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold), 22);
    Fill(canvas, new SKColor(0, 0, 0, 0x80), c => c.DrawRoundRect(16, Height - 52, 268, 36, 8, 8, Paint));
    Fill(canvas, SKColors.White, c => c.DrawText("Nejat CMS · sample", 28, Height - 26, font, Paint));
}

internal static partial class Program
{
    private static readonly SKPaint Paint = new() { IsAntialias = true };
}
