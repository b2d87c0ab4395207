"""The evidence assistant: for each rewrite sentence, the source sentences it most likely comes
from, what in it the source does not support, and a suggested verdict. It only points; the
reviewer decides.

- `tokens`: words as the assistant compares them;
- `facts`: the numbers, dates, names and quotations of a sentence;
- `scoring`: how well a rewrite sentence matches each source sentence (numpy);
- `evidence`: the best candidates, omissions and word differences;
- `flags`: the facts the source does not support, each with its reason;
- `suggestion`: a suggested verdict and its reason;
- `assistant`: all of it for a whole rewrite, as plain data that round-trips through JSON.
"""
