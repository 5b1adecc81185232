"""How `pantau setup` collects static files: WhiteNoise's hashed, compressed copies, with
brotli at quality 10 instead of 11.

Measured on echarts.min.js (1.1 MB): quality 11 takes 1.8 s for 299 KB, quality 10 0.76 s
for 303 KB (1 % larger, downloaded once a year per browser: the files are immutable). With
the API documentation's bundles, quality 11 made collectstatic most of `pantau setup`.
"""

from __future__ import annotations

import brotli
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

BROTLI_QUALITY = 10


class QuickerCompressor(Compressor):
    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        return brotli.compress(data, quality=BROTLI_QUALITY)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        return QuickerCompressor(**kwargs)
