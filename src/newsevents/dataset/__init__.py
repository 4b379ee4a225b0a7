"""The released dataset: `dist/<version>/` built from corpus/ (Parquet per config and split, a dataset
card, a datasheet, the schema and a checksum manifest), compared between releases, and published to
the Hub. One module per job: features (the declared types), rows (document -> rows), parquet
(byte-stable writing), stats (the counts card and datasheet print), card, datasheet, manifest,
build, diff, publish."""
