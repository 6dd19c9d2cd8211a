"""The portal's rules: what each role sees, what a form asks, what a page shows before a
click. Plain values in, plain values out: no Flask, no HTTP."""
