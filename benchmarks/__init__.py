"""Benchmarks for factcheck: a seeded synthetic project and a runner that times the real CLI.

python -m benchmarks generate --claims 10000 --seed 1 OUT_DIR
python -m benchmarks run --sizes 1000,10000 [--with-100k] [--keep DIR]
"""
