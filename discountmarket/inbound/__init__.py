"""Understanding what comes back by e-mail: replies, auto-replies, bounces (issue 16).

Pure: raw RFC 5322 bytes in, a ``Classification`` out; no Flask, no database. The one
entry point is ``discountmarket.inbound.classify.classify``.
"""
