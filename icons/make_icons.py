#!/usr/bin/env python3
"""Draws the 16x16 node icons from the character grids below (one PNG per node id).

Run `python3 icons/make_icons.py` after editing a grid; the PNGs are committed, the build copies
them into the jar as /icons/ID.png. Standard library only (zlib + struct)."""
import os
import struct
import zlib

PALETTE = {
    '.': (0, 0, 0, 0),
    'k': (40, 44, 52, 255),      # outline
    'b': (46, 134, 222, 255),    # volume blue
    'l': (142, 196, 245, 255),   # light blue
    'g': (39, 174, 96, 255),     # green
    'y': (241, 196, 15, 255),    # yellow
    'o': (230, 126, 34, 255),    # orange
    'r': (231, 76, 60, 255),     # red
    'p': (142, 68, 173, 255),    # purple
    'w': (255, 255, 255, 255),   # white
    's': (149, 165, 166, 255),   # grey
}

ICONS = {
    # a view (blue square) and its jittered copy (orange outline), turned and shifted
    'perturb-poses': [
        "................",
        "........o.......",
        ".......o.o......",
        "......o...o.....",
        ".....o.....o....",
        "..kkkkkkkk..o...",
        "..kbbbbbbk...o..",
        "..kbllllbk....o.",
        "..kblbblbk...o..",
        "..kblbblbk..o...",
        "..kbllllbk.o....",
        "..kbbbbbbko.....",
        "..kkkkkkkk......",
        "................",
        "..rr..rr..rr....",
        "................",
    ],
    # a map whose right part glows red: where the particles vary
    'variance': [
        "................",
        ".....kkkkkk.....",
        "...kkbbbbrrkk...",
        "..kbbbbbbrrrrk..",
        "..kbblbbbrrork..",
        ".kbblllbbrooork.",
        ".kbbllbbbrooyrk.",
        ".kbbbbbbbrooork.",
        ".kbbbbbbbbrrrrk.",
        ".kbbbbbbbbbrrbk.",
        "..kbbbbbbbbbbk..",
        "..kbbbbbbbbbbk..",
        "...kkbbbbbbkk...",
        ".....kkkkkk.....",
        "................",
        "................",
    ],
    # a projection (blue square) turned against crossed alignment arrows
    'align': [
        "......kkkk......",
        "......kook......",
        ".....kkookk.....",
        "......kook......",
        "..kkkkkkkkkkkk..",
        "..kbbbbbbbbbbk..",
        "kkkbblllllbbbkkk",
        "kookblbbbblbkook",
        "kookblbbbblbkook",
        "kkkbblllllbbbkkk",
        "..kbbbbbbbbbbk..",
        "..kkkkkkkkkkkk..",
        "......kook......",
        ".....kkookk.....",
        "......kook......",
        "......kkkk......",
    ],
    # a sheet with rows of a table
    'read-star': [
        "..kkkkkkkkkk....",
        "..kwwwwwwwwkk...",
        "..kwyywwwwwkwk..",
        "..kwwwwwwwwkkkk.",
        "..kwsssssssswwk.",
        "..kwwwwwwwwwwwk.",
        "..kwsssssssswwk.",
        "..kwwwwwwwwwwwk.",
        "..kwbbbbbbbbwwk.",
        "..kwwwwwwwwwwwk.",
        "..kwsssssssswwk.",
        "..kwwwwwwwwwwwk.",
        "..kwsssssssswwk.",
        "..kwwwwwwwwwwwk.",
        "..kkkkkkkkkkkkk.",
        "................",
    ],
    # a falling weight curve over frequency
    'weight-images': [
        "................",
        ".k..............",
        ".kooo...........",
        ".k...oo.........",
        ".k.....o........",
        ".k......o.......",
        ".k.......o......",
        ".k........o.....",
        ".k.........o....",
        ".k..........oo..",
        ".k............oo",
        ".k..............",
        ".k..............",
        ".kkkkkkkkkkkkkkk",
        "................",
        "................",
    ],
    # tilted sheets converging into a cube
    'backproject': [
        "................",
        "..l.........l...",
        "...l.......l....",
        "....l.....l.....",
        ".....l...l......",
        "....kkkkkkkk....",
        "...kbbbbbbbkk...",
        "..kkkkkkkkkbk...",
        "..kbbbbbbbkbk...",
        "..kbbbbbbbkbk...",
        "..kbbbbbbbkbk...",
        "..kbbbbbbbkk....",
        "..kbbbbbbbk.....",
        "..kkkkkkkkk.....",
        "................",
        "................",
    ],
    # an FSC curve with a threshold line
    'fsc': [
        "................",
        ".k..............",
        ".kggggg.........",
        ".k.....g........",
        ".k......g.......",
        ".k.......g......",
        ".k.......g......",
        ".k........g.....",
        ".rrrrrrrrrrrrrrr",
        ".k.........g....",
        ".k..........g...",
        ".k...........gg.",
        ".k..............",
        ".kkkkkkkkkkkkkkk",
        "................",
        "................",
    ],
    # a blue cube
    'read-volume': [
        "................",
        "................",
        "......kkkkkkkk..",
        ".....kllllllkk..",
        "....kllllllkbk..",
        "...kkkkkkkkbbk..",
        "...kbbbbbbkbbk..",
        "...kbbbbbbkbbk..",
        "...kbbbbbbkbbk..",
        "...kbbbbbbkbk...",
        "...kbbbbbbkk....",
        "...kkkkkkkk.....",
        "................",
        "..yyyyyyyyyyyy..",
        "................",
        "................",
    ],
    # a funnel (filter)
    'filter-volume': [
        "................",
        "................",
        ".kkkkkkkkkkkkkk.",
        ".kbbbbbbbbbbbbk.",
        "..kbbbbbbbbbbk..",
        "...kbbbbbbbbk...",
        "....kbbbbbbk....",
        ".....kbbbbk.....",
        "......kbbk......",
        "......kbbk......",
        "......kbbk......",
        "......kbbk......",
        "......kllk......",
        "......kkkk......",
        "................",
        "................",
    ],
    # a fan of tilted projections from a dot
    'simulate-tilt-series': [
        "................",
        ".pp..........pp.",
        "..pp........pp..",
        "...pp......pp...",
        "................",
        ".......kk.......",
        "......kyyk......",
        "......kyyk......",
        ".......kk.......",
        "................",
        "...ssssssssss...",
        "...s.s.s.s.s.s..",
        "...ssssssssss...",
        "................",
        ".pppppppppppppp.",
        "................",
    ],
    # a wave (exit wave) through a lens
    'focal-series-reconstruct': [
        "................",
        ".......kk.......",
        "......kllk......",
        ".....kllllk.....",
        "................",
        ".oo....oo....oo.",
        "o..o..o..o..o..o",
        "....oo....oo....",
        "................",
        ".....kllllk.....",
        "......kllk......",
        ".......kk.......",
        "................",
        ".ppp.ppp.ppp.ppp",
        "................",
        "................",
    ],
}


def png(rows):
    raw = b''
    for row in rows:
        assert len(row) == 16, row
        raw += b'\x00' + b''.join(bytes(PALETTE[c]) for c in row)
    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
    ihdr = struct.pack('>IIBBBBB', 16, 16, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    for name, rows in ICONS.items():
        assert len(rows) == 16, name
        with open(os.path.join(here, name + '.png'), 'wb') as f:
            f.write(png(rows))
