package dev.gatehouse.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private static final Endpoint NONE = r -> Future.succeededFuture(Reply.noContent());
    private final Router router = new Router.Builder()
            .add(HttpMethod.GET, "/customers", Access.READ, NONE)
            .add(HttpMethod.POST, "/customers", Access.WRITE, NONE)
            .add(HttpMethod.GET, "/customers/{customer_id}/keys/{key_id}", Access.READ, NONE)
            .add(HttpMethod.PUT, "/credentials/{provider}/{name}", Access.OPERATOR_WRITE, NONE)
            .build();

    @Test
    void should_bind_path_parameters_and_decode_them_as_path_segments() {
        var m = router.match(HttpMethod.GET, "/admin/v1/customers/cus_1/keys/key_2");
        assertThat(m).isInstanceOf(Router.Match.Found.class);
        assertThat(((Router.Match.Found) m).params()).isEqualTo(Map.of("customer_id", "cus_1", "key_id", "key_2"));
        var c = (Router.Match.Found) router.match(HttpMethod.PUT, "/admin/v1/credentials/open%20ai/a+b");
        assertThat(c.params()).isEqualTo(Map.of("provider", "open ai", "name", "a+b"));
    }

    @Test
    void should_tell_a_wrong_method_from_an_unknown_path() {
        assertThat(router.match(HttpMethod.DELETE, "/admin/v1/customers")).isEqualTo(new Router.Match.WrongMethod(Set.of(HttpMethod.GET, HttpMethod.POST)));
        assertThat(router.match(HttpMethod.GET, "/admin/v1/customers/")).isInstanceOf(Router.Match.NoPath.class);
        assertThat(router.match(HttpMethod.GET, "/admin/v1/customers/x/keys")).isInstanceOf(Router.Match.NoPath.class);
        assertThat(router.match(HttpMethod.GET, "/admin/v1")).isInstanceOf(Router.Match.NoPath.class);
        assertThat(router.match(HttpMethod.GET, "/admin/v1/customers//keys/k")).isInstanceOf(Router.Match.NoPath.class);
    }

    @Test
    void should_refuse_a_route_defined_twice() {
        assertThatThrownBy(() -> new Router.Builder().add(HttpMethod.GET, "/a", Access.READ, NONE).add(HttpMethod.GET, "/a", Access.READ, NONE).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
