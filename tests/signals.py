"""Starting a command under test as a terminal would, so the Ctrl-C it is sent in a test reaches it.

A test run started in the background (a CI script under ``nohup … &``, or any ``command &`` of a
non-interactive shell) inherits SIGINT as ignored, and every process it starts inherits that too:
Python then installs no Ctrl-C handler, and ``jixiao serve`` or ``jixiao build`` rightly goes on as a
background command does. A test that sends SIGINT starts its process with :func:`as_from_a_terminal`
(``subprocess.Popen(..., preexec_fn=as_from_a_terminal)``).
"""

from __future__ import annotations

import signal


def as_from_a_terminal() -> None:
    """The signal state of a command started from a terminal: Ctrl-C and SIGTERM neither ignored nor held."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
