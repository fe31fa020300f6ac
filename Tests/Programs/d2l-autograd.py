# Dive into Deep Learning 2.5, automatic differentiation (PyTorch edition), the chapter's code as one program.
import torch

x = torch.arange(4.0)
print(x)
x.requires_grad_(True)  # Better create `x = torch.arange(4.0, requires_grad=True)`
print(x.grad)  # The gradient is None by default
y = 2 * torch.dot(x, x)
print(y)
y.backward()
print(x.grad)
print(x.grad == 4 * x)

x.grad.zero_()  # Reset the gradient
y = x.sum()
y.backward()
print(x.grad)

x.grad.zero_()
y = x * x
y.backward(gradient=torch.ones(len(y)))  # Faster: y.sum().backward()
print(x.grad)

x.grad = None
y = x * x
y.sum().backward()
print(x.grad)

x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u)
print(u.requires_grad, z.grad_fn is not None)

x.grad.zero_()
y.sum().backward()
print(x.grad == 2 * x)


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


torch.manual_seed(0)
a = torch.randn(size=(), requires_grad=True)
d = f(a)
d.backward()
print(a, d)
print(a.grad == d / a)
print(a.grad)

# Exercises: a vector input and the second derivative of a function.
a = torch.randn(size=(3,), requires_grad=True)
d = f(a)
d.sum().backward()
print(a.grad)
x = torch.linspace(-3, 3, 7, requires_grad=True)
y = torch.sin(x)
y.backward(torch.ones_like(x))
print(x.grad)
print(torch.cos(x.detach()))
