# my_module/controllers/ip_change.py  (import it from my_module/controllers/__init__.py)
import ipaddress
import logging

import requests
from werkzeug.exceptions import Forbidden

from odoo import http

_logger = logging.getLogger(__name__)

# Who may call when the system parameter n8n.ip_change_allowed is not set: loopback and private
# networks only, so that a caller from the internet never triggers an IP change in n8n.
DEFAULT_ALLOWED = '127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7'


def is_allowed(address, allowlist):
    """True when the address lies in one of the comma-separated networks of the allowlist."""
    try:
        caller = ipaddress.ip_address(address or '')
    except ValueError:
        return False
    for entry in allowlist.split(','):
        try:
            if entry.strip() and caller in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            _logger.warning('n8n.ip_change_allowed: %r is not a network, ignored', entry.strip())
    return False


class IpChangeForwarder(http.Controller):
    @http.route('/_odoo.sh/ip-change', type='http', auth='public', methods=['GET'], csrf=False)
    def ip_change(self, new=None, old=None, **kwargs):
        params = http.request.env['ir.config_parameter'].sudo()
        caller = http.request.httprequest.remote_addr
        if not is_allowed(caller, params.get_param('n8n.ip_change_allowed') or DEFAULT_ALLOWED):
            _logger.warning('IP change notification from %s refused (n8n.ip_change_allowed)', caller)
            raise Forbidden()
        url = params.get_param('n8n.ip_change_url')  # <n8n>/webhook/_odoo.sh/ip-change
        auth = (params.get_param('n8n.ip_change_user'), params.get_param('n8n.ip_change_password'))
        try:
            requests.get(url, params={'new': new, 'old': old}, auth=auth, timeout=10).raise_for_status()
        except requests.RequestException:
            _logger.exception('Forwarding the IP change %s -> %s to n8n failed', old, new)
        return 'ok'
