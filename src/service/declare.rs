//! The macro that turns the one list of operations (in `service/mod.rs`) into
//! everything that must agree with it: the `PlanService` trait the faces call,
//! the `Request` and `Response` that travel on the socket, the dispatcher the
//! server runs, the client's stubs (for any `Transport`), and what each
//! request may do (read, write once, write again safely).
//!
//! A plain `macro_rules!`: no build-time code generator, nothing async.

macro_rules! operations {
    ($(
        $(#[$doc:meta])*
        $access:ident $variant:ident => fn $name:ident($($arg:ident : $ty:ty),*) -> $ret:ty;
    )*) => {
        /// Every operation on a plan. The local store (`Local`) and the socket
        /// client (any `Transport`) implement it; the TUI and every CLI command
        /// take it and nothing else.
        pub trait PlanService {
            $(
                $(#[$doc])*
                fn $name(&self, $($arg: <$ty as $crate::service::wire::Wire>::Ref<'_>),*)
                    -> Result<$ret, $crate::service::ServiceError>;
            )*

            /// The same service, as the same user, on the plan titled
            /// `title` of the same database (GUIDE §10: the TUI's `:plan`).
            /// Not an operation on a plan, so no request: a server's
            /// client connects again, naming that plan.
            fn on_plan(&self, title: &str)
                -> Result<Box<dyn PlanService>, $crate::service::ServiceError>;
        }

        /// One operation with its arguments, as sent on the socket.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
        pub enum Request {
            $( $variant { $($arg: $ty),* }, )*
        }

        /// The answer to a request: the operation's value, or the error.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "result", content = "value", rename_all = "snake_case")]
        pub enum Response {
            $( $variant($ret), )*
            Error($crate::service::ServiceError),
        }

        impl Request {
            /// What the request may do (for the server's lock, roles and retries).
            pub fn access(&self) -> $crate::service::Access {
                match self {
                    $( Request::$variant { .. } => $crate::service::Access::$access, )*
                }
            }
        }

        impl Request {
            /// This request's operation, as named on the wire (`apply`).
            pub fn name(&self) -> &'static str {
                match self {
                    $( Request::$variant { .. } => stringify!($name), )*
                }
            }

            /// Every operation's name on the wire.
            pub const OPERATIONS: &'static [&'static str] = &[$(stringify!($name)),*];

            /// What operation `op` (its name on the wire) may do, before its
            /// arguments are read; `None` for no such operation.
            pub fn access_of(op: &str) -> Option<$crate::service::Access> {
                match op {
                    $( stringify!($name) => Some($crate::service::Access::$access), )*
                    _ => None,
                }
            }

            /// The request of operation `op` read from `line` straight into
            /// its arguments' types: serde's internally tagged enums would
            /// first copy the whole line into values of their own, at many
            /// times its size. `None` for no such operation.
            pub fn parse(op: &str, line: &str) -> Option<Result<Request, serde_json::Error>> {
                match op {
                    $(
                        stringify!($name) => Some({
                            #[derive(serde::Deserialize)]
                            #[serde(deny_unknown_fields)]
                            struct Arguments {
                                #[serde(rename = "op")]
                                _op: serde::de::IgnoredAny,
                                $($arg: $ty),*
                            }
                            serde_json::from_str::<Arguments>(line)
                                .map(|_a| Request::$variant { $($arg: _a.$arg),* })
                        }),
                    )*
                    _ => None,
                }
            }
        }

        /// Answers `request` with `service`: the server's one dispatcher.
        pub fn dispatch(service: &dyn PlanService, request: Request) -> Response {
            use $crate::service::wire::Wire as _;
            match request {
                $(
                    #[allow(unused_variables)]
                    Request::$variant { $($arg),* } => {
                        match service.$name($($arg.lend()),*) {
                            Ok(value) => Response::$variant(value),
                            Err(e) => Response::Error(e),
                        }
                    }
                )*
            }
        }

        /// The client side: every operation becomes a request sent on the transport.
        impl<T: $crate::service::Transport> PlanService for T {
            fn on_plan(&self, title: &str)
                -> Result<Box<dyn PlanService>, $crate::service::ServiceError>
            {
                $crate::service::Transport::on_plan(self, title)
            }

            $(
                fn $name(&self, $($arg: <$ty as $crate::service::wire::Wire>::Ref<'_>),*)
                    -> Result<$ret, $crate::service::ServiceError>
                {
                    let request = Request::$variant {
                        $($arg: <$ty as $crate::service::wire::Wire>::own($arg)),*
                    };
                    match self.call(request)? {
                        Response::$variant(value) => Ok(value),
                        Response::Error(e) => Err(e),
                        other => Err($crate::service::unexpected(&other)),
                    }
                }
            )*
        }
    };
}

pub(crate) use operations;
