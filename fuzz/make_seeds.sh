#!/usr/bin/env bash
# Writes small seed inputs for the fuzz targets into fuzz/seeds/<target>/ from the
# project's own encoder and test data shapes. Seeds are tiny; the growing corpora live in
# fuzz/corpus (gitignored). Usage: fuzz/make_seeds.sh
set -euo pipefail
cd "$(dirname "$0")"
S=seeds
mkdir -p $S/{decode_matrix,decode_data,rs_decode,gs1_parse,read_frame,image_file,grade,encode}
w() { printf "$2" > "$S/$1"; }

# gs1_parse: selector byte (0 auto, 1 raw, 2 scan data, 3 digital link, 4 bracketed) + text
w gs1_parse/bracketed '\x00(01)09506000134352(17)201225(10)ABC123(21)XYZ'
w gs1_parse/bracketed_sq '\x04[01]09506000134352[3103]000189'
w gs1_parse/raw '\x0101095060001343521720122510ABC123\x1d21XYZ'
w gs1_parse/scan '\x02]d201095060001343521720122510ABC123\x1d21XYZ'
w gs1_parse/dl '\x03https://id.gs1.org/01/09506000134352/10/ABC123?17=201225'
w gs1_parse/dscsa '\x00(01)00312345678906(17)251231(10)LOT42(21)SN0001'
w gs1_parse/escaped '\x04(01)09506000134352(10)A\\(B'

# encode: flags f1 f2 modes, then data
w encode/ascii '\x00\x00\x1f123456'
w encode/text '\x03\x00\x1fHello, World! hello world HELLO'
w encode/gs1 '\x04\x00\x1f01095060001343521720122510ABC\x1d21XYZ'
w encode/macro05 '\x20\x00\x1f[)>\x1e05\x1dABC\x1e\x04'
w encode/eci '\x10\x00\x1f\x1a\x00\x00caf\xc3\xa9'
w encode/sa '\x80\x00\x1f\x02\x04\x01\x02PART'
w encode/edifact '\x00\x00\x08ABCDEFGHIJKLMNOPQRSTUVWX'
w encode/base256 '\x00\x00\x10\x80\x81\xfe\xff\x00\x01'
w encode/segments '\x00\x08\x1fabc\xff\x09def'

# read_frame: w(2) h(2) pad flags n text px x0 y0 [noise]
w read_frame/symbol '\x40\x00\x40\x00\x00\x01\x06ABC123\x03\x04\x04'
w read_frame/symbol_thorough '\x60\x00\x50\x00\x03\x13\x08(01)1234\x02\x00\x00'
w read_frame/noise '\x10\x00\x10\x00\x00\x00\x00\xff\x80\x40'

# grade: flags n text px wpad hpad nnoise
w grade/clean '\x00\x06ABC123\x04\x00\x00\x00\x00'
w grade/perturbed '\x02\x04WXYZ\x03\x02\x02\x00\x00'
w grade/wild '\x04\x02AB\x02\x00\x00\x00\x00\x00'

# rs_decode: n_ec, n_erasures, erasures, block
w rs_decode/ten '\x05\x00\x8e\xa4\xba\x72\x19\x05\x58\x66'
w rs_decode/erased '\x05\x02\x00\x03\x00\xa4\xba\x00\x19\x05\x58\x66'

# decode_data: data codewords (ASCII digits, C40 latch, Base256)
w decode_data/ascii '\x8e\xa4\xba'
w decode_data/c40 '\xe6\x59\xbf\x57\x27\xfe\x81'
w decode_data/gs1 '\xe8\x82\x8b\xf1\x22'

# decode_matrix: [flags, size index] then bits; 10x10 "123456"
w decode_matrix/ten '\x00\x00\x55\xa5\xfe\x2a\x6d\x6e\xd2\x6f\xb0\x84\x02\x66\x45\xf8\x0f'

# image_file: tiny images in several formats
printf 'P5\n4 4\n255\n\x00\xff\x00\xff\xff\x00\xff\x00\x00\xff\x00\xff\xff\x00\xff\x00' > $S/image_file/tiny.pgm
printf 'P1\n3 2\n1 0 1\n0 1 0\n' > $S/image_file/tiny.pbm
# 1x1 grey PNG
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00\x00\x00\x00IEND\xaeB`\x82' > $S/image_file/one.png
# 2x1 24-bit BMP
printf 'BM\x3e\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00\x02\x00\x00\x00\x01\x00\x00\x00\x01\x00\x18\x00\x00\x00\x00\x00\x08\x00\x00\x00\x13\x0b\x00\x00\x13\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\x00\x00' > $S/image_file/two.bmp
echo "seeds written to $(pwd)/$S"

# decode_matrix: a valid symbol (flags 0, size index 5) from these codewords
printf '\x00\x05ABCDEFGHIJ' > $S/decode_matrix/valid_flips
