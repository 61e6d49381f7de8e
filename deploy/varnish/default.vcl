# Varnish in front of the site (Debian's varnish 7). Tested by tests/test_varnish.py.
#
#   varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,256m
#
# Django decides what may be shared (core/cache_policy.py): anonymous answers come with
# "Cache-Control: public, s-maxage=..., stale-while-revalidate=..."; personal ones are
# "private" or set a cookie, and Varnish's built-in rules refuse to keep those.
# Purges come from Wagtail's frontend cache (FRONTEND_CACHE_URL=http://<this varnish>):
# "PURGE /path" drops every kept answer for that path on that host, whatever its query
# string; "PURGE /api/*" everything under a prefix; "PURGE /*" the whole site.
vcl 4.1;

# Where gunicorn listens. Change to your app server's address.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app servers. Add their addresses when they run elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from here"));
        }
        if (req.url ~ "\*$") {
            ban("obj.http.x-cache-host == " + req.http.host +
                " && obj.http.x-cache-path ~ ^" + regsub(req.url, "\*$", ""));
        } else {
            ban("obj.http.x-cache-host == " + req.http.host +
                " && obj.http.x-cache-path == " + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed-in readers, sessions that entered a page password, messages waiting to be
    # shown, API tokens: every answer to them is personal, so it goes to Django.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anyone else is anonymous, and no other cookie changes what Django answers (a form
    # that needs a CSRF token sets a fresh one, and such an answer is never kept).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Remembered with each kept answer so that a purge can find it by host and path.
    set beresp.http.x-cache-host = bereq.http.host;
    set beresp.http.x-cache-path = regsub(bereq.url, "\?.*$", "");
    # Varnish's built-in rules follow: nothing private, no-store, no-cache or setting a
    # cookie is kept; s-maxage and stale-while-revalidate set the lifetime and grace.
}

sub vcl_deliver {
    unset resp.http.x-cache-host;
    unset resp.http.x-cache-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
