"""The rules as data: rules.toml (phrasings), macros.toml (named pattern parts), lists.toml (word
lists), clutter.toml (boilerplate lines), and the code that reads, checks and explains them.

`source` reads a rule file with the line of every key and checks what needs no compiling,
`derive` works out a rule's speed devices from its pattern, `cache` keeps compiled patterns
across runs, `check` and `explain` serve `attrib rules`. Matching itself is `attrib.match`.
"""
