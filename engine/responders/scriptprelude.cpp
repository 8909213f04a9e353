#include "scriptprelude.h"

namespace wirebench {

QString ScriptPrelude::fileName()
{
    return QStringLiteral("wirebench-script-prelude.js");
}

QString ScriptPrelude::trailer()
{
    return QStringLiteral("\n;if (typeof onConnect === \"function\") this.onConnect = onConnect;"
                          " if (typeof onMessage === \"function\") this.onMessage = onMessage;"
                          " if (typeof onDisconnect === \"function\") this.onDisconnect = onDisconnect;\n");
}

QString ScriptPrelude::source()
{
    // A msg keeps what it was made of under symbols (out of JSON.stringify's and Object.keys'
    // sight); hex and json are worked out when first read, so a script that looks at the
    // channel only pays for nothing else.
    return QStringLiteral(R"JS(
(function (native, global) {
    "use strict";
    // Taken now: what the script later does to the globals does not change the API.
    var defineProperty = Object.defineProperty, parseJson = JSON.parse, stringify = JSON.stringify;
    var ErrorType = Error, toText = String;
    var types = ["binary", "text", "json", "cbor"];
    var bytesKey = Symbol("bytes");
    var textKey = Symbol("text");
    var hexKey = Symbol("hex");
    var jsonKey = Symbol("json");

    // Text and json messages come as their text alone (no bytes to copy: netcore's codecs let
    // only valid UTF-8 through, so the text gives the bytes back); binary and cbor as bytes.
    function Message(channel, type, id, size, text, bytes) {
        this.channel = channel;
        this.type = types[type];
        this.id = id;
        this.size = size;
        this.text = text;
        this[textKey] = text;
        this[bytesKey] = bytes;
    }
    function decodeJson(message) {
        if (message.type === "cbor")
            return native.cbor(message[bytesKey]);
        if (message.type !== "json")
            return undefined;
        try {
            var value = parseJson(message[textKey]);
            return typeof value === "object" && value !== null ? value : undefined;
        } catch (e) {
            return undefined;
        }
    }
    defineProperty(Message.prototype, "hex", {
        enumerable: true,
        get: function () {
            if (this[hexKey] === undefined) {
                var bytes = this[bytesKey];
                this[hexKey] = bytes !== undefined ? native.hex(bytes) : native.hexOfText(this[textKey]);
            }
            return this[hexKey];
        }
    });
    defineProperty(Message.prototype, "json", {
        enumerable: true,
        get: function () {
            if (!(jsonKey in this))
                this[jsonKey] = decodeJson(this);
            return this[jsonKey];
        }
    });
    Message.prototype.toJSON = function () {
        return {channel: this.channel, type: this.type, id: this.id, size: this.size, hex: this.hex,
                text: this.text, json: this.json};
    };

    function Connection(id, peer) {
        defineProperty(this, "id", {value: id, enumerable: true});
        defineProperty(this, "peer", {value: peer, enumerable: true});
        this.state = {};
        // Closures, not prototype methods: conn.send stays bound when a script passes it on.
        this.send = function (reply) { return native.send(id, reply); };
        this.close = function () { return native.close(id); };
        this.reset = function () { return native.reset(id); };
        this.after = function (msecs, callback) { return native.after(id, msecs, callback); };
    }

    function show(value) {
        if (typeof value === "string")
            return value;
        if (typeof value === "object" && value !== null && !(value instanceof ErrorType)) {
            try {
                var json = stringify(value);
                if (json !== undefined)
                    return json;
            } catch (e) {
                // a cycle: fall back to its String()
            }
        }
        return toText(value);
    }
    function print() {
        var parts = [];
        for (var i = 0; i < arguments.length; ++i)
            parts.push(show(arguments[i]));
        native.log(parts.join(" "));
    }
    function thrown(e) {
        return e instanceof ErrorType ? e : new ErrorType("uncaught exception: " + show(e));
    }

    global.console = {log: print, info: print, warn: print, error: print, debug: print};
    global.server = {
        state: {},
        connections: function () { return native.connections(); },
        send: function (id, reply) { return native.send(id, reply); },
        broadcast: function (reply) { return native.broadcast(reply); }
    };

    return {
        connection: function (id, peer) { return new Connection(id, peer); },
        connected: function (conn) {
            try {
                if (typeof onConnect === "function")
                    onConnect(conn);
            } catch (e) {
                throw thrown(e);
            }
        },
        message: function (conn, channel, type, id, size, text, bytes) {
            if (typeof onMessage !== "function")
                return undefined;
            try {
                return onMessage(conn, new Message(channel, type, id, size, text, bytes));
            } catch (e) {
                throw thrown(e);
            }
        },
        disconnected: function (conn, reason) {
            try {
                if (typeof onDisconnect === "function")
                    onDisconnect(conn, reason);
            } catch (e) {
                throw thrown(e);
            }
        },
        timer: function (callback) {
            try {
                callback();
            } catch (e) {
                throw thrown(e);
            }
        }
    };
})
)JS");
}

} // namespace wirebench
