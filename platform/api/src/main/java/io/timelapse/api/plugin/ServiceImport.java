package io.timelapse.api.plugin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A service from another bundle, seen through a proxy that calls whichever instance is registered
 * at the time of the call. When none is, the call fails with {@link ServiceUnavailableException}.
 */
final class ServiceImport<T> implements InvocationHandler {

    private final Class<T> type;
    private final ServiceTracker<T, T> tracker;

    ServiceImport(BundleContext context, Class<T> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException("only interfaces can be required as services: " + type.getName());
        }
        this.type = type;
        this.tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
    }

    T proxy() {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this));
    }

    void close() {
        tracker.close();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return invokeObjectMethod(proxy, method, args);
        }
        T service = tracker.getService();
        if (service == null) {
            throw new ServiceUnavailableException(type);
        }
        try {
            return method.invoke(service, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object invokeObjectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "service proxy for " + type.getName();
        }
    }
}
