# nn.Bilinear with its two inputs: values, shapes, gradients and PyTorch's errors.
import torch
torch.manual_seed(0)
m = torch.nn.Bilinear(3, 2, 4)
print(m)
x1 = torch.rand(5, 3); x2 = torch.rand(5, 2)
y = m(x1, x2); print(y, y.shape)
print(type(torch.nn.Bilinear(3, 2, 4, bias=False)(x1, x2).grad_fn).__name__)
print(m(torch.rand(2, 5, 3), torch.rand(2, 5, 2)).shape)
y.sum().backward()
print(m.weight.grad[0], m.bias.grad)
for bad in [lambda: m(x1), lambda: m(torch.rand(5, 4), x2), lambda: m(x1, torch.rand(5, 3)), lambda: m(x1, torch.rand(4, 2))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
