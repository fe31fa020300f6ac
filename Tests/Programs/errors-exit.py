# An uncaught error ends the program with status 1 and Python's last traceback line.
import torch
print("before")
torch.ones(2, 3) @ torch.ones(2, 3)
print("never")
