#!/usr/bin/env python3
"""Writes a SIZExSIZE PNG that is tiny on disk, as an attacker's would be: every pixel the same colour,
so zlib stores little but back-references (7000x7000 8-bit RGB, 49 megapixels, is about 160 kB). The
seed picks the colour, so each seed gives other bytes (no deduplication). --alpha, --depth 16 and
--interlaced (Adam7) make the costlier variants to decode.

usage: large-png.py OUT [--size 7000] [--seed 0] [--alpha] [--depth 8|16] [--interlaced]"""
import argparse
import struct
import zlib

# Adam7: each pass's first column, first row, column step and row step.
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--size", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--alpha", action="store_true", help="RGBA, half transparent")
    parser.add_argument("--depth", type=int, choices=(8, 16), default=8)
    parser.add_argument("--interlaced", action="store_true")
    args = parser.parse_args()
    size = args.size
    samples = [(args.seed * 37) % 256, (args.seed * 11) % 256, (args.seed * 5) % 256] + ([128] if args.alpha else [])
    pixel = bytes(s for sample in samples for s in ([sample, sample] if args.depth == 16 else [sample]))
    compressor = zlib.compressobj(9)
    idat = bytearray()
    for x0, y0, dx, dy in ADAM7 if args.interlaced else [(0, 0, 1, 1)]:
        columns = (size - x0 + dx - 1) // dx
        if columns <= 0:
            continue
        row = b"\x00" + pixel * columns  # filter type None, then the pixels
        for _ in range(y0, size, dy):
            idat += compressor.compress(row)
    idat += compressor.flush()
    colour_type = 6 if args.alpha else 2
    ihdr = struct.pack(">IIBBBBB", size, size, args.depth, colour_type, 0, 0, 1 if args.interlaced else 0)
    with open(args.out, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    main()
