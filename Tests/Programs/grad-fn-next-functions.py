import torch
a = torch.ones(2, requires_grad=True)
b = (a * 2 + torch.ones(2)).sum()
print(b.grad_fn.next_functions)
m = b.grad_fn.next_functions[0][0]
print(m.next_functions)
acc = m.next_functions[0][0].next_functions[0][0]
print(acc, acc.name(), acc.variable is a, type(acc))
print(acc.next_functions)
print(acc is m.next_functions[0][0].next_functions[0][0])
print(m.name(), type(m))
