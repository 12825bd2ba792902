hello, not an MRC file
