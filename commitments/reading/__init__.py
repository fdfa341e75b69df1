"""The readers: pure Python, no Django import. Text in, dataclasses out.

Transcripts become turns (`transcripts`), time phrases become due dates and conditions
(`timephrases`, `periods`), turns become proposed commitments (`extraction`, `topics`, `roster`)
and later turns become suggestions about them (`evidence`); `text` owns the words all of them
read. Models and services import from here; nothing here imports Django or the models.
"""
