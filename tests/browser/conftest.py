def pytest_configure(config):
    config.addinivalue_line("markers", "browser: tests in headless Chromium (scripts/install_browser.sh)")
