# torch.autograd.grad, Tensor.register_hook, forward (pre-)hooks with RemovableHandle, parameters_to_vector.
import torch
# autograd.grad
a = torch.tensor([1., 2., 3.], requires_grad=True)
b = torch.tensor([0.5, -1., 2.], requires_grad=True)
z = (a * b).sin().sum()
print(torch.autograd.grad(z, a, retain_graph=True))
print(torch.autograd.grad(z, [a, b]))
print(a.grad, b.grad)
h = a * 2
w = (h ** 2).sum()
print(torch.autograd.grad(w, h))
c = torch.ones(2, requires_grad=True)
try:
    torch.autograd.grad((a * 2).sum(), [a, c])
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.autograd.grad((a * 2).sum(), [a, c], allow_unused=True))
out = a * 3
print(torch.autograd.grad(out, a, grad_outputs=torch.tensor([1., 0., 2.])))
# hooks
grads = []
p = torch.tensor([1., -2.], requires_grad=True)
hd = p.register_hook(lambda g: grads.append(g.clone()))
q = p * p
q.register_hook(lambda g: g * 10)
(q.sum() + p.sum()).backward()
print(p.grad, grads)
hd.remove()
p.grad = None
(p * 3).sum().backward()
print(p.grad, len(grads))
acts = {}
torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
def save(name):
    def hook(m, inp, out):
        acts[name] = out.detach()
    return hook
h1 = net[0].register_forward_hook(save("fc1"))
h2 = net[1].register_forward_pre_hook(lambda m, inp: (inp[0] * 0.5,))
h3 = net.register_forward_hook(lambda m, inp, out: out + 100)
print(net(torch.ones(1, 2)))
print(acts["fc1"])
print(type(h1).__name__, type(h1).__module__)
h1.remove(); h2.remove(); h3.remove()
print(net(torch.ones(1, 2)))
v = torch.nn.utils.parameters_to_vector(net.parameters())
print(v.shape, v[:4])
torch.nn.utils.vector_to_parameters(torch.arange(13.), net.parameters())
print(net[2].weight, net[0].bias)
