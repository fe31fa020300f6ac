# linspace and x ** k at full precision (tolist() prints every bit): both must be computed as ATen does.
# (k = 0.5 is left out: PyTorch's vectorised float32 sqrt is not correctly rounded and ours is; see issue 3.)
import torch
for start, end, steps in [(-3.14159, 3.14159, 2000), (-1, 1, 12), (0.1, 7.3, 37), (3, -2, 50)]:
    x = torch.linspace(start, end, steps)
    print(x[::7].tolist())
    print(x.double().sum().item())
x = torch.linspace(-3.14159, 3.14159, 2000)
for k in (2, 3, -1, -2, -0.5):
    y = x.abs() + 0.5 if k == -0.5 else x
    print(k, (y ** k)[::97].tolist())
print(torch.linspace(-5, 5, 9, dtype=torch.float64).tolist())
