import socket, time
K="pi_sandbox_demo_key_0123456789"
idle=[]
for i in range(300):
    s=socket.create_connection(("127.0.0.1",18935)); idle.append(s)
time.sleep(0.5)
t=time.time()
s=socket.create_connection(("127.0.0.1",18935)); s.settimeout(5)
s.send(("GET /v1/ping HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n"%K).encode())
try: print("normal while full:", s.recv(200).split(b"\r\n")[0], "%.3f s"%(time.time()-t))
except Exception as e: print("normal while full: ", e)
