import os
import sys

from .cli.main import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # Output cut short (`… | head`): not an error worth a traceback.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
sys.exit(code)
