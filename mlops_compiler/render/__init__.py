"""Render: the IR to an OutputTree through Jinja, each output parsed back and proven."""
