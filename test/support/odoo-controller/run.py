"""
Runs the README's Odoo controller (odoo/ip_change.py) without Odoo: `odoo`, `requests` and
`werkzeug` are replaced by small stand-ins that record what the controller does. Reads scenarios
as JSON on stdin ({remoteAddr, params, query, failForward}) and prints one JSON result per scenario.
"""
import importlib.util
import json
import logging
import sys
import types


class Forbidden(Exception):
    code = 403


class RequestException(Exception):
    pass


class State:
    def __init__(self, scenario):
        self.scenario = scenario
        self.forwarded = []
        self.logs = []


state = None


def requests_get(url, params=None, auth=None, timeout=None):
    state.forwarded.append({'url': url, 'params': params, 'auth': list(auth), 'timeout': timeout})
    if state.scenario.get('failForward'):
        raise RequestException('connection refused')
    return types.SimpleNamespace(raise_for_status=lambda: None)


class Parameters:
    def sudo(self):
        return self

    def get_param(self, key, default=False):
        return state.scenario.get('params', {}).get(key, default)


class Request:
    @property
    def env(self):
        return {'ir.config_parameter': Parameters()}

    @property
    def httprequest(self):
        return types.SimpleNamespace(remote_addr=state.scenario.get('remoteAddr'))


def route(*args, **kwargs):
    route.seen = {'args': list(args), 'kwargs': kwargs}
    return lambda function: function


odoo = types.ModuleType('odoo')
odoo.http = types.SimpleNamespace(Controller=object, route=route, request=Request())
sys.modules['odoo'] = odoo
sys.modules['requests'] = types.SimpleNamespace(get=requests_get, RequestException=RequestException)
werkzeug = types.ModuleType('werkzeug')
werkzeug.exceptions = types.SimpleNamespace(Forbidden=Forbidden)
sys.modules['werkzeug'] = werkzeug
sys.modules['werkzeug.exceptions'] = werkzeug.exceptions


class Capture(logging.Handler):
    def emit(self, record):
        state.logs.append(f'{record.levelname} {record.getMessage()}')


logging.getLogger().addHandler(Capture())
logging.getLogger().setLevel(logging.INFO)

spec = importlib.util.spec_from_file_location('ip_change', sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)

results = []
for scenario in json.load(sys.stdin):
    state = State(scenario)
    try:
        answer = {'status': 200, 'body': module.IpChangeForwarder().ip_change(**scenario.get('query', {}))}
    except Forbidden:
        answer = {'status': 403}
    results.append({**answer, 'forwarded': state.forwarded, 'logs': state.logs})
print(json.dumps({'route': route.seen, 'results': results}))
