"""The storage-independent half of intake's OpenRosa endpoint, where ODK Collect, Enketo
and KoboCollect send filled HTCDS forms: reading the multipart POST, parsing the
submission safely, and the response envelopes those clients expect."""
