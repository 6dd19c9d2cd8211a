"""``/openrosa/submission``, where ODK Collect, Enketo and KoboCollect send filled HTCDS
forms: the endpoint (``endpoint``) and the wire format it speaks: reading the multipart
POST, parsing the submission safely, the credentials and response envelopes those
clients expect."""
