# torch.normal's forms: scalar mean and std with a size, tensor mean, tensor std, both broadcast.
import torch
torch.manual_seed(0)
print(torch.normal(2, 3, size=(2, 3)))
print(torch.normal(torch.arange(4.), 0.5))
print(torch.normal(1.0, torch.arange(1., 5.)))
print(torch.normal(torch.zeros(2, 1), torch.ones(1, 20)))
print(torch.normal(mean=torch.arange(1., 11.), std=torch.arange(1, 0, -0.1)))
print(torch.normal(0, 1, (3,), dtype=torch.float64))
