from juesuan.cli import app
app()
