"""Signals for whoever needs to know when someone becomes or stops being a member.

Both are sent with ``sender=Membership`` and the keyword arguments ``membership`` (the
grant) and ``user``, after the change is saved and the Members group follows it.
"""

from django.dispatch import Signal

membership_granted = Signal()
membership_ended = Signal()
