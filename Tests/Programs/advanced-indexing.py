# Advanced indexing side by side with PyTorch: result shapes (adjacent vs split index dims, masks, None,
# Ellipsis, bools, lists read as tuples) and the exact error texts.
import torch

x = torch.arange(24.).reshape(2, 3, 4)

try:
    r = x[[0,1], 0, [0,1]]
    print('x[[0,1], 0, [0,1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], 0, [0,1]]', '!!', type(ex).__name__, ex)

try:
    r = x[0, :, [0,1]]
    print('x[0, :, [0,1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[0, :, [0,1]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1], :, [0,1]]
    print('x[[0,1], :, [0,1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], :, [0,1]]', '!!', type(ex).__name__, ex)

try:
    r = x[:, [0,1], [1,2]]
    print('x[:, [0,1], [1,2]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[:, [0,1], [1,2]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1], :, 0]
    print('x[[0,1], :, 0]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], :, 0]', '!!', type(ex).__name__, ex)

try:
    r = x[[[0],[1]], :, [0,1,2]]
    print('x[[[0],[1]], :, [0,1,2]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[[0],[1]], :, [0,1,2]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1], [0,1,2]]
    print('x[[0,1], [0,1,2]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], [0,1,2]]', '!!', type(ex).__name__, ex)

try:
    r = x[[5]]
    print('x[[5]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[5]]', '!!', type(ex).__name__, ex)

try:
    r = x[:, [5]]
    print('x[:, [5]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[:, [5]]', '!!', type(ex).__name__, ex)

try:
    r = x[:, :, [-5]]
    print('x[:, :, [-5]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[:, :, [-5]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1],[0,7]]
    print('x[[0,1],[0,7]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1],[0,7]]', '!!', type(ex).__name__, ex)

try:
    r = x[:, [0,1], [0,9]]
    print('x[:, [0,1], [0,9]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[:, [0,1], [0,9]]', '!!', type(ex).__name__, ex)

try:
    r = x[[True, False]]
    print('x[[True, False]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[True, False]]', '!!', type(ex).__name__, ex)

try:
    r = x[:, [True, False, True]]
    print('x[:, [True, False, True]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[:, [True, False, True]]', '!!', type(ex).__name__, ex)

try:
    r = x[[True, False, True]]
    print('x[[True, False, True]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[True, False, True]]', '!!', type(ex).__name__, ex)

try:
    r = x[torch.tensor([[True,False,True],[False,False,True]])]
    print('x[torch.tensor([[True,False,True],[False,False,True]])]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[torch.tensor([[True,False,True],[False,False,True]])]', '!!', type(ex).__name__, ex)

try:
    r = x[..., [0,1]]
    print('x[..., [0,1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[..., [0,1]]', '!!', type(ex).__name__, ex)

try:
    r = x[None, [0,1]]
    print('x[None, [0,1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[None, [0,1]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1], None]
    print('x[[0,1], None]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], None]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1], None, [0, 1]]
    print('x[[0,1], None, [0, 1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], None, [0, 1]]', '!!', type(ex).__name__, ex)

try:
    r = x[1, [0,1], 2]
    print('x[1, [0,1], 2]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[1, [0,1], 2]', '!!', type(ex).__name__, ex)

try:
    r = x[[1.0]]
    print('x[[1.0]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[1.0]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1], ..., [1,2]]
    print('x[[0,1], ..., [1,2]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], ..., [1,2]]', '!!', type(ex).__name__, ex)

try:
    r = x[torch.tensor([0,1]), torch.tensor(1)]
    print('x[torch.tensor([0,1]), torch.tensor(1)]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[torch.tensor([0,1]), torch.tensor(1)]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1], 1:, [1,2]]
    print('x[[0,1], 1:, [1,2]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1], 1:, [1,2]]', '!!', type(ex).__name__, ex)

try:
    r = x[True]
    print('x[True]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[True]', '!!', type(ex).__name__, ex)

try:
    r = x[[0, 1], [True, False, True]]
    print('x[[0, 1], [True, False, True]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0, 1], [True, False, True]]', '!!', type(ex).__name__, ex)

try:
    r = x[([0,1],)]
    print('x[([0,1],)]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[([0,1],)]', '!!', type(ex).__name__, ex)

try:
    r = x[[0, [1]]]
    print('x[[0, [1]]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0, [1]]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0,1],[0,1],[0,1],[0,1]]
    print('x[[0,1],[0,1],[0,1],[0,1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0,1],[0,1],[0,1],[0,1]]', '!!', type(ex).__name__, ex)

try:
    r = x[torch.tensor([0.5])]
    print('x[torch.tensor([0.5])]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[torch.tensor([0.5])]', '!!', type(ex).__name__, ex)

try:
    r = x[[]]
    print('x[[]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[]]', '!!', type(ex).__name__, ex)

try:
    r = x[[], []]
    print('x[[], []]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[], []]', '!!', type(ex).__name__, ex)

try:
    r = x[(0, 1)]
    print('x[(0, 1)]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[(0, 1)]', '!!', type(ex).__name__, ex)

try:
    r = x[[0, 1], -1]
    print('x[[0, 1], -1]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0, 1], -1]', '!!', type(ex).__name__, ex)

try:
    r = x[-1, [0, -1]]
    print('x[-1, [0, -1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[-1, [0, -1]]', '!!', type(ex).__name__, ex)

try:
    r = x[:, [True, False, True, True]]
    print('x[:, [True, False, True, True]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[:, [True, False, True, True]]', '!!', type(ex).__name__, ex)

try:
    r = x[[0, 1], [True, False]]
    print('x[[0, 1], [True, False]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0, 1], [True, False]]', '!!', type(ex).__name__, ex)

try:
    r = x[:, torch.tensor([[True,False,True,True]])]
    print('x[:, torch.tensor([[True,False,True,True]])]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[:, torch.tensor([[True,False,True,True]])]', '!!', type(ex).__name__, ex)

try:
    r = x[1, [0, 1], [True]]
    print('x[1, [0, 1], [True]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[1, [0, 1], [True]]', '!!', type(ex).__name__, ex)

try:
    r = x[None, 5]
    print('x[None, 5]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[None, 5]', '!!', type(ex).__name__, ex)

try:
    r = x[0, 5]
    print('x[0, 5]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[0, 5]', '!!', type(ex).__name__, ex)

try:
    r = x[..., 7]
    print('x[..., 7]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[..., 7]', '!!', type(ex).__name__, ex)

try:
    r = x[1.5]
    print('x[1.5]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[1.5]', '!!', type(ex).__name__, ex)

try:
    r = x[[0, 1], 1.5]
    print('x[[0, 1], 1.5]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0, 1], 1.5]', '!!', type(ex).__name__, ex)

try:
    r = x[[0.5, 1]]
    print('x[[0.5, 1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0.5, 1]]', '!!', type(ex).__name__, ex)

try:
    r = x[range(2), [0, 2]]
    print('x[range(2), [0, 2]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[range(2), [0, 2]]', '!!', type(ex).__name__, ex)

try:
    r = x[[[0, 1], [1, 0]], [0]]
    print('x[[[0, 1], [1, 0]], [0]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[[0, 1], [1, 0]], [0]]', '!!', type(ex).__name__, ex)

try:
    r = x[(0, 1), (1, 2)]
    print('x[(0, 1), (1, 2)]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[(0, 1), (1, 2)]', '!!', type(ex).__name__, ex)

try:
    r = x[torch.tensor(True)]
    print('x[torch.tensor(True)]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[torch.tensor(True)]', '!!', type(ex).__name__, ex)

try:
    r = x[[True, False], 1]
    print('x[[True, False], 1]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[True, False], 1]', '!!', type(ex).__name__, ex)

try:
    r = x[[True, False], [0, 2, 1]]
    print('x[[True, False], [0, 2, 1]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[True, False], [0, 2, 1]]', '!!', type(ex).__name__, ex)

try:
    r = x[False]
    print('x[False]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[False]', '!!', type(ex).__name__, ex)

try:
    r = x[torch.tensor(False)]
    print('x[torch.tensor(False)]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[torch.tensor(False)]', '!!', type(ex).__name__, ex)

try:
    r = x[x > 20]
    print('x[x > 20]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[x > 20]', '!!', type(ex).__name__, ex)

try:
    r = x[x[0] > 5]
    print('x[x[0] > 5]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[x[0] > 5]', '!!', type(ex).__name__, ex)

try:
    r = x[[0, 1]][:, [2]]
    print('x[[0, 1]][:, [2]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[0, 1]][:, [2]]', '!!', type(ex).__name__, ex)

try:
    r = x[torch.tensor([[0, 1], [1, 0]]), 2, 3]
    print('x[torch.tensor([[0, 1], [1, 0]]), 2, 3]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[torch.tensor([[0, 1], [1, 0]]), 2, 3]', '!!', type(ex).__name__, ex)

try:
    r = x[1:, [0, 2], 1:3]
    print('x[1:, [0, 2], 1:3]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[1:, [0, 2], 1:3]', '!!', type(ex).__name__, ex)

try:
    r = x[[-2, -1], [-3, 2], [-4, 3]]
    print('x[[-2, -1], [-3, 2], [-4, 3]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[-2, -1], [-3, 2], [-4, 3]]', '!!', type(ex).__name__, ex)

try:
    r = torch.tensor(1.)[0]
    print('torch.tensor(1.)[0]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('torch.tensor(1.)[0]', '!!', type(ex).__name__, ex)

try:
    r = torch.tensor(1.)[1]
    print('torch.tensor(1.)[1]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('torch.tensor(1.)[1]', '!!', type(ex).__name__, ex)

try:
    r = torch.tensor(1.)[[0]]
    print('torch.tensor(1.)[[0]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('torch.tensor(1.)[[0]]', '!!', type(ex).__name__, ex)

try:
    r = torch.tensor(1.)[None]
    print('torch.tensor(1.)[None]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('torch.tensor(1.)[None]', '!!', type(ex).__name__, ex)

try:
    r = torch.tensor(1.)[True]
    print('torch.tensor(1.)[True]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('torch.tensor(1.)[True]', '!!', type(ex).__name__, ex)

try:
    r = x[[10**18]]
    print('x[[10**18]]', '->', r if r.numel() < 40 else r.shape)
except Exception as ex:
    print('x[[10**18]]', '!!', type(ex).__name__, ex)
