"""The branch work list (`/cabang/<code>/`): whom a BPJS branch, or a Pemda, should visit."""
