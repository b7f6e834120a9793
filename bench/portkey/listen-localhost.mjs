// Loaded with `node --import` before the Portkey gateway, which listens on every interface and
// has no option to choose one: every server this process opens listens on 127.0.0.1 instead.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    args[0] = { ...first, host: '127.0.0.1' };                 // listen(options[, cb])
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (args.length < 2 || typeof args[1] === 'string' || args[1] === undefined) {
      args[1] = '127.0.0.1';                                    // listen(port[, host], ...)
    } else {
      args.splice(1, 0, '127.0.0.1');                           // listen(port, backlog | cb)
    }
  }
  return listen.apply(this, args);
};
