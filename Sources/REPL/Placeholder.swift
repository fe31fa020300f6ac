enum REPLPlaceholder {}
