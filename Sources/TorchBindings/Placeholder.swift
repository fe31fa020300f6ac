enum TorchBindingsPlaceholder {}
